'use strict';
/** The simulated network between a device and the server: every request PouchDB's replication makes to the
 * server is a round trip, and its JSON is the bytes it moves; a cycle's duration follows from the link. */

const { EventEmitter } = require('node:events');

const WIFI = { latency_ms: 30, bandwidth_kbps: 50000 };
const HANDSHAKE_BYTES = 200;
/** Each way, the cycle's opening exchange. */
const METADATA_BYTES_PER_ENTITY = 60000;
/** An entity's metadata (columns, forms, views, rules): the same for every entity, so its cost counts entities. */
const PRIVILEGES_BYTES = 2000;
/** The privilege and profile snapshot that closes a download. */

class DroppedConnection extends Error {
  constructor(point) {
    super(`the connection dropped ${point.replace(/_/g, ' ')}`);
    this.point = point;
  }
}

/** What one cycle sent and received. */
class Transfer {
  constructor() {
    this.roundTrips = 0;
    this.bytesUp = 0;
    this.bytesDown = 0;
  }

  /** One round trip carrying `up` bytes to the server and `down` bytes back. */
  request(up = 0, down = 0) {
    this.roundTrips += 1;
    this.bytesUp += up;
    this.bytesDown += down;
  }

  /** Seconds the transfer takes on `link`: latency per round trip plus bits over bandwidth. */
  duration(link) {
    const bits = 8 * (this.bytesUp + this.bytesDown);
    return (this.roundTrips * link.latency_ms) / 1000 + bits / (link.bandwidth_kbps * 1000);
  }
}

/** The size of a value on the wire (its JSON). */
function wireSize(value) {
  if (value === undefined) return 0;
  return Buffer.byteLength(JSON.stringify(value, (key, v) => (typeof v === 'function' ? undefined : v)));
}

/** The server's database as a device reaches it over `transfer`: each request PouchDB's replicator makes is
 * counted, and `hooks` may inspect or replace it (the server's side of sync). Anything else passes through. */
function remote(db, transfer, hooks = {}) {
  const counted = {
    /** One request, one response: the whole page of changes arrives at once, as from a remote server. */
    changes(opts) {
      transfer.request(wireSize(opts), 0);
      const feed = new EventEmitter();
      const answer = db.changes({ ...opts, live: false }).then((result) => {
        transfer.bytesDown += wireSize(result);
        if (hooks.changes) hooks.changes(result);
        for (const row of result.results) feed.emit('change', row);
        return result;
      });
      feed.then = (resolve, reject) => answer.then(resolve, reject);
      feed.catch = (reject) => answer.catch(reject);
      feed.cancel = () => {};
      return feed;
    },
    async bulkGet(opts) {
      if (hooks.beforeBulkGet) hooks.beforeBulkGet(opts);
      const result = await db.bulkGet(opts);
      transfer.request(wireSize(opts), wireSize(result));
      if (hooks.bulkGet) hooks.bulkGet(result);
      return result;
    },
    async revsDiff(diff) {
      const result = await db.revsDiff(diff);
      transfer.request(wireSize(diff), wireSize(result));
      return result;
    },
    async bulkDocs(request, opts) {
      transfer.request(wireSize(request), 0);
      const result = hooks.bulkDocs ? await hooks.bulkDocs(request, opts) : await db.bulkDocs(request, opts);
      transfer.bytesDown += wireSize(result);
      return result;
    },
    async info() {
      transfer.request(0, 0);
      const result = await db.info();
      transfer.bytesDown += wireSize(result);
      return result;
    },
  };
  return new Proxy(db, {
    get(target, prop) {
      if (Object.prototype.hasOwnProperty.call(counted, prop)) return counted[prop];
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

module.exports = { WIFI, HANDSHAKE_BYTES, METADATA_BYTES_PER_ENTITY, PRIVILEGES_BYTES, Transfer, DroppedConnection, remote, wireSize };
