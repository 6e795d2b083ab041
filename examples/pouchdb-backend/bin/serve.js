#!/usr/bin/env node
'use strict';
// Serve the PouchDB backend to the offline conformance harness over stdio (JSON-RPC 2.0, one object per line).
require('../src/rpc').serve().then(() => process.exit(0));
