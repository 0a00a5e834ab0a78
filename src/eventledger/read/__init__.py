"""Readers: files, directories, archives and feeds in; Documents (or Quarantined, with the reason) out."""

from eventledger.read.html import HtmlPage, extract_html
from eventledger.read.reader import Reader, iter_inputs

__all__ = ["HtmlPage", "Reader", "extract_html", "iter_inputs"]
