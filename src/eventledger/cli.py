"""Command line: thin commands that check arguments and call library functions."""
import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
