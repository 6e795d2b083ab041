"""The seam across a process boundary: JSON-RPC 2.0 over stdio, one JSON object per line.

protocol.py   the wire format: framing, method names, error codes and what each means for a verdict
schema.py     the JSON Schema of every method's params and result, generated from harness.driver
client.py     `--impl "cmd:<command line>"`: one implementation process per run, `reset` per scenario
server.py     serves any in-process driver on stdin/stdout (`python -m harness.backend module:factory`)
"""
