"""carecheck in the editor: a Language Server Protocol server (`carecheck lsp`, over stdio).

    convert.py   findings as LSP diagnostics (UTF-16 positions), quick fixes, hover text
    folders.py   one carecheck session per workspace folder, reloaded when its config changes,
                 with the folder's other articles read once for the corpus checks
    server.py    the pygls server: open/change/save, debounced and cancelled checks, actions, hover

pygls and lsprotocol are an extra (`pip install 'carecheck[lsp]'`); nothing here is imported by a
`carecheck check`.
"""
