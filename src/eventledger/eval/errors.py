"""Evaluation errors that say what to do; the CLI prints them as one line."""


class EvalError(RuntimeError):
    pass


def missing(what: str, module: str, err: Exception) -> EvalError:
    return EvalError(
        f"{what} needs `{module}`, which cannot be imported ({type(err).__name__}: {err}). "
        "That stage is not built yet or is broken: run its tests, then retry."
    )
