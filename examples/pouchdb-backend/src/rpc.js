'use strict';
/** The harness's stdio protocol: JSON-RPC 2.0, one JSON object per line, answered strictly in order.
 *
 *   initialize {protocol_version, harness_version} -> ImplementationInfo (a fresh world)
 *   reset      {} -> null (a fresh world: every database of the old one is destroyed)
 *   shutdown   {} -> null, then the process exits
 *   any driver method of the harness, params by name -> its result; a refusal is a `Refused` result.
 *
 * Nothing but responses goes to stdout. Errors carry the protocol's codes (harness/transport/protocol.py). */

const readline = require('node:readline');
const { Backend, Unsupported, PROTOCOL_VERSION } = require('./backend');

const ERRORS = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  UNSUPPORTED: -32000,
  IMPLEMENTATION_ERROR: -32001,
  INCOMPATIBLE_PROTOCOL: -32002,
};

class Failure extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

function major(version) {
  return String(version).split('.')[0];
}

/** One harness's conversation: the world that `initialize` and `reset` make fresh. */
class Session {
  constructor() {
    this.world = null;
    this.done = false;
  }

  async dispatch(method, params) {
    if (method === 'initialize') {
      if (typeof params.protocol_version !== 'string' || major(params.protocol_version) !== major(PROTOCOL_VERSION)) {
        throw new Failure(ERRORS.INCOMPATIBLE_PROTOCOL,
          `this backend speaks protocol ${PROTOCOL_VERSION}, not ${JSON.stringify(params.protocol_version)}`);
      }
      await this.fresh();
      return this.world.describe();
    }
    if (method === 'shutdown') {
      this.done = true;
      if (this.world) await this.world.destroy();
      this.world = null;
      return null;
    }
    if (!this.world) throw new Failure(ERRORS.INVALID_REQUEST, `${method}: initialize first`);
    if (method === 'reset') {
      await this.fresh();
      return null;
    }
    if (!/^[a-z][a-z_]*$/.test(method) || method === 'describe' || typeof Backend.prototype[method] !== 'function'
      || method === 'constructor') {
      throw new Failure(ERRORS.METHOD_NOT_FOUND, `no method ${JSON.stringify(method)}`);
    }
    try {
      return await this.world[method](params);
    } catch (error) {
      if (error instanceof Unsupported) throw new Failure(ERRORS.UNSUPPORTED, error.message, { capability: error.capability });
      throw new Failure(ERRORS.IMPLEMENTATION_ERROR, `${error.name}: ${error.message}`,
        { type: error.name, traceback: String(error.stack || '') });
    }
  }

  async fresh() {
    if (this.world) await this.world.destroy();
    this.world = await new Backend().open();
  }

  /** The response to one request line. */
  async handle(line) {
    let request;
    try {
      request = JSON.parse(line);
    } catch (error) {
      return reply(null, { error: { code: ERRORS.PARSE_ERROR, message: `not JSON: ${error.message}` } });
    }
    const id = request && typeof request === 'object' && 'id' in request ? request.id : null;
    if (!request || typeof request !== 'object' || request.jsonrpc !== '2.0' || typeof request.method !== 'string') {
      return reply(id, { error: { code: ERRORS.INVALID_REQUEST, message: 'expected a JSON-RPC 2.0 request with a method' } });
    }
    const params = request.params === undefined ? {} : request.params;
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      return reply(id, { error: { code: ERRORS.INVALID_PARAMS, message: 'params go by name: an object' } });
    }
    try {
      const result = await this.dispatch(request.method, params);
      return reply(id, { result: result === undefined ? null : result });
    } catch (failure) {
      const error = failure instanceof Failure ? failure
        : new Failure(ERRORS.INTERNAL_ERROR, `${failure.name}: ${failure.message}`);
      return reply(id, { error: { code: error.code, message: error.message, ...(error.data ? { data: error.data } : {}) } });
    }
  }
}

function reply(id, body) {
  return { jsonrpc: '2.0', id, ...body };
}

/** Answer requests from `input`, one response line each on `output`, until `shutdown` or end of input. */
function serve(input = process.stdin, output = process.stdout) {
  const session = new Session();
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let queue = Promise.resolve();
  const finished = new Promise((resolve) => {
    lines.on('line', (line) => {
      queue = queue.then(async () => {
        if (session.done || !line.trim()) return;
        output.write(`${JSON.stringify(await session.handle(line))}\n`);
        if (session.done) lines.close();
      });
    });
    lines.on('close', () => queue.then(resolve));
  });
  return finished;
}

module.exports = { serve, Session, ERRORS };
