"""Issuing documents: the lifecycle in the register (draft → issued → withdrawn) and, for the
electronic form, PAdES signatures (docgen.issuing.signing) and their verification."""

import logging

# pyHanko logs the path-building failures it then reports as results (an untrusted root, an
# expired certificate), and fontTools notes tables it cannot subset: a clerk sees docgen's own
# Vietnamese verdict for those, never a library's English traceback on stderr.
for _name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False
