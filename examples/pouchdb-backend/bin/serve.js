#!/usr/bin/env node
'use strict';
// Serve the PouchDB backend to the offline conformance harness over stdio (JSON-RPC 2.0, one object per line).
if (process.argv.length > 2) {
  process.stderr.write('usage: node bin/serve.js (no arguments: the harness speaks JSON-RPC 2.0 on stdin and stdout)\n');
  process.exit(2);
}
require('../src/rpc').serve().then(() => process.exit(0));
