"""`docgen serve`: a local web view of a workspace for the clerk, over the same library.

The server only calls the library: a build goes through `docgen.build.build_path` (the same
transaction and register lock as `docgen build`), returned forms through `docgen.collect.collect`,
an award list through the Excel reader (`docgen.records.excel.read_award_sheet`), the register
through `docgen.records.register`. Its own files (uploads waiting for a confirmation, previews)
live in `build/.docgen-web/` of the workspace, never among the records or the built documents.

Modules: `files` (what may be read and served, upload names and limits), `state` (what the
pages show about plans and documents), `jobs` (builds in the background, one at a time),
`previews` (page images cached by content hash), `app` (the Flask routes), `serve` (binding).
"""
