'use strict';
/** The scope filter: whether a server document belongs on a user's device.
 *
 * It is installed as a design-document filter (`_design/offline`, filter `scope`), so PouchDB evaluates it on
 * the server side of a filtered replication, as CouchDB does. PouchDB evaluates such a filter from its source
 * text in a fresh VM context: the function must be self-contained (no closure, no require). Everything it
 * needs arrives in `req.query`, built by the server from its own state for one user (`profiles.scopeQuery`):
 *
 *   user, teams, unitMembers      who asks (for mine / my teams / my business unit / eq-* operators)
 *   now                           the simulated clock (ISO), for last-x-days conditions
 *   activityTypes                 entities whose records Activity Pointer shows
 *   entities[name]                per offline entity: rules {all, mine, teams, unit, custom}, related ids,
 *                                 the org data filter {since, conditions}, and read access {all | owners, shared}
 *
 * The same function decides the server's own scope computations, so there is one rule, in one place.
 */
function scope(doc, req) {
  var q = req.query;
  if (doc.kind === 'syncerror') return doc.user === q.user;
  if (doc.kind !== 'record' || !doc.record) return false;

  function plain(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value.id : value;
  }
  function seconds(text) {
    return Date.parse(text) / 1000;
  }
  function meets(c, record) {
    var value = plain(record[c.field]);
    var wanted = c.value;
    if (value === undefined) value = null;
    switch (c.operator) {
      case 'eq': return value === wanted;
      case 'ne': return value !== wanted;
      case 'gt': return value !== null && wanted !== null && value > wanted;
      case 'ge': return value !== null && wanted !== null && value >= wanted;
      case 'lt': return value !== null && wanted !== null && value < wanted;
      case 'le': return value !== null && wanted !== null && value <= wanted;
      case 'like':
      case 'begins-with': {
        if (typeof value !== 'string') return false;
        var escaped = String(wanted).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
        var tail = c.operator === 'begins-with' ? '.*' : '';
        return new RegExp('^(?:' + escaped + tail + ')$', 'i').test(value);
      }
      case 'in': return Array.isArray(wanted) && wanted.indexOf(value) >= 0;
      case 'null': return value === null;
      case 'not-null': return value !== null;
      case 'eq-userid': return value === q.user;
      case 'eq-userteams': return q.teams.indexOf(value) >= 0;
      case 'eq-businessid': return q.unitMembers.indexOf(value) >= 0;
      case 'last-x-days':
        return typeof value === 'string' && seconds(q.now) - seconds(value) <= wanted * 86400;
      default: return false;
    }
  }
  function picked(gate, record) {
    var rules = gate.rules;
    if (rules.all) return true;
    var owner = record.ownerid;
    if (rules.mine && owner === q.user) return true;
    if (rules.teams && q.teams.indexOf(owner) >= 0) return true;
    if (rules.unit && q.unitMembers.indexOf(owner) >= 0) return true;
    if (rules.custom.length && rules.custom.every(function (c) { return meets(c, record); })) return true;
    return gate.related.indexOf(record.id) >= 0;
  }
  function passesOrgFilter(gate, record) {
    var org = gate.org;
    if (org.since !== null && !(typeof record.modifiedon === 'string' && record.modifiedon >= org.since)) return false;
    return org.conditions.every(function (c) { return meets(c, record); });
  }
  function readable(gate, record) {
    var read = gate.read;
    return read.all || read.owners.indexOf(record.ownerid) >= 0 || read.shared.indexOf(record.id) >= 0;
  }
  function admits(gate, record) {
    if (!picked(gate, record)) return false;
    // A tombstone carries its last body: it comes down whenever the record would have, whatever its age.
    return doc._deleted === true || (passesOrgFilter(gate, record) && readable(gate, record));
  }
  function pointer(record) {
    var view = {};
    ['id', 'ownerid', 'createdon', 'modifiedon', 'statecode', 'subject', 'regardingobjectid', 'scheduledend',
      'activitytypecode'].forEach(function (key) { view[key] = key in record ? record[key] : null; });
    return view;
  }

  var own = q.entities[doc.entity];
  if (own && admits(own, doc.record)) return true;
  var viaPointer = q.entities.activitypointer;
  return Boolean(viaPointer && q.activityTypes.indexOf(doc.entity) >= 0 && admits(viaPointer, pointer(doc.record)));
}

module.exports = { scope };
