"""Issuing documents: the lifecycle in the register (draft → issued → withdrawn) and, for the
electronic form, PAdES signatures (docgen.issuing.signing) and their verification."""
