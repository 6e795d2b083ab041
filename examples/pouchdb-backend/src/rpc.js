'use strict';
/** JSON-RPC 2.0 over stdio, one JSON object per line: `initialize`, `reset`, `shutdown`, and every driver
 * method by name with its parameters by name. A refusal is a result (a `Refused` value); errors are codes. */

const readline = require('node:readline');
const { Backend, Unsupported, PROTOCOL_VERSION } = require('./backend');

const ERRORS = {
  PARSE: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  IMPLEMENTATION: -32000,
  UNSUPPORTED: -32001,
};
const CONTROL = new Set(['initialize', 'reset', 'shutdown']);

class RpcError extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

/** Serves one harness session: a world per `reset`, requests answered strictly in order. */
class Session {
  constructor() {
    this.world = null;
  }

  async call(method, params) {
    if (method === 'initialize') {
      await this.fresh();
      return this.world.describe();
    }
    if (method === 'reset') {
      await this.fresh();
      return null;
    }
    if (method === 'shutdown') {
      if (this.world) await this.world.destroy();
      this.world = null;
      return null;
    }
    if (!this.world) await this.fresh();
    const target = this.world[method];
    if (method.startsWith('_') || typeof target !== 'function' || !/^[a-z][a-z_]*$/.test(method) || method === 'constructor') {
      throw new RpcError(ERRORS.METHOD_NOT_FOUND, `no method ${JSON.stringify(method)}`);
    }
    try {
      return await target.call(this.world, params);
    } catch (error) {
      if (error instanceof Unsupported) throw new RpcError(ERRORS.UNSUPPORTED, error.message, { capability: error.capability });
      if (error instanceof TypeError || error instanceof RangeError) throw new RpcError(ERRORS.INVALID_PARAMS, error.message);
      throw error;
    }
  }

  async fresh() {
    if (this.world) await this.world.destroy();
    this.world = await new Backend().open();
  }
}

function errorOf(error) {
  if (error instanceof RpcError) return { code: error.code, message: error.message, ...(error.data ? { data: error.data } : {}) };
  return { code: ERRORS.IMPLEMENTATION, message: `${error.name}: ${error.message}`, data: { stack: String(error.stack || '') } };
}

/** Read requests from `input` line by line and write one response line each to `output`. */
function serve(input = process.stdin, output = process.stdout) {
  const session = new Session();
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let queue = Promise.resolve();
  const send = (message) => output.write(`${JSON.stringify(message)}\n`);
  lines.on('line', (line) => {
    queue = queue.then(async () => {
      if (!line.trim()) return;
      let request;
      try {
        request = JSON.parse(line);
      } catch (error) {
        send({ jsonrpc: '2.0', id: null, error: { code: ERRORS.PARSE, message: `not JSON: ${error.message}` } });
        return;
      }
      const id = request && Object.prototype.hasOwnProperty.call(request, 'id') ? request.id : null;
      if (!request || request.jsonrpc !== '2.0' || typeof request.method !== 'string') {
        send({ jsonrpc: '2.0', id, error: { code: ERRORS.INVALID_REQUEST, message: 'expected a JSON-RPC 2.0 request with a method' } });
        return;
      }
      const params = request.params === undefined ? {} : request.params;
      if (params === null || typeof params !== 'object' || Array.isArray(params)) {
        send({ jsonrpc: '2.0', id, error: { code: ERRORS.INVALID_PARAMS, message: 'params must be an object (by name)' } });
        return;
      }
      try {
        const result = await session.call(request.method, params);
        send({ jsonrpc: '2.0', id, result: result === undefined ? null : result });
      } catch (error) {
        send({ jsonrpc: '2.0', id, error: errorOf(error) });
      }
      if (request.method === 'shutdown') lines.close();
    });
  });
  lines.on('close', () => {
    queue.then(() => process.exit(0));
  });
}

module.exports = { serve, Session, ERRORS, PROTOCOL_VERSION, CONTROL };
