'use strict';
/** What each command does, as record changes: the same plan runs on a device offline or on the server online. */

const { ACTIVITY_TYPES } = require('./metadata');

const DISQUALIFY_REASONS = ['lost', 'cannot_contact', 'no_longer_interested', 'canceled'];

/** A lookup value pointing at a record. */
function ref(entity, id) {
  return { entity, id };
}

function refused(claim, reason, entity = null, limit = null) {
  return { $type: 'Refused', claim, reason, entity, limit };
}

function change(action, entity, recordId, fields = {}) {
  return { action, entity, recordId, fields };
}

class Planner {
  /** `read(entity, id)` resolves to a record or null; `newId()` gives an id for a new record. */
  constructor(metadata, read, newId) {
    this.metadata = metadata;
    this.read = read;
    this.newId = newId;
  }

  /** The changes of `command` on a record, or a refusal (bad input, missing record, closed lead). */
  async plan(entity, command, recordId, fields) {
    if (command === 'create') return this.create(entity, fields);
    const record = recordId ? await this.read(entity, recordId) : null;
    if (!record) return refused('REL-BAD', `${command}: no ${entity} record with id ${JSON.stringify(recordId)} here`, entity);
    const handler = PLANS[command];
    if (!handler) return refused('REL-BAD', `${command} is not a command of ${entity}`, entity);
    return handler.call(this, entity, recordId, record, fields);
  }

  create(entity, fields) {
    const problem = this.metadata.checkFields(entity, fields);
    if (problem) return refused('REL-BAD', problem, entity);
    const values = { ...fields };
    if (ACTIVITY_TYPES.includes(entity)) values.activitytypecode = entity;
    return [change('create', entity, this.newId(), values)];
  }
}

const PLANS = {
  read: () => [],
  refresh: () => [],
  update(entity, id, record, fields) {
    if (!Object.keys(fields).length) return refused('REL-BAD', `update of ${entity} ${id} names no column`, entity);
    const problem = this.metadata.checkFields(entity, fields);
    return problem ? refused('REL-BAD', problem, entity) : [change('update', entity, id, { ...fields })];
  },
  delete: (entity, id) => [change('delete', entity, id)],
  convert_activity_to_case(entity, id, record, fields) {
    const caseId = this.newId();
    const regarding = record.regardingobjectid;
    const kase = { title: fields.title || record.subject || null, originatingactivityid: ref(entity, id) };
    if (regarding && typeof regarding === 'object' && regarding.entity === 'account') kase.customerid = regarding;
    return [change('create', 'incident', caseId, kase), change('update', entity, id, { regardingobjectid: ref('incident', caseId) })];
  },
  qualify(entity, id, lead) {
    if (lead.statecode !== 'open') return refused('ENT-23', `cannot qualify lead ${id}: it is ${lead.statecode}, not open`, entity);
    const [accountId, contactId, opportunityId] = [this.newId(), this.newId(), this.newId()];
    const company = lead.companyname || lead.lastname || '(no name)';
    return [
      change('create', 'account', accountId, { name: company }),
      change('create', 'contact', contactId, {
        firstname: lead.firstname === undefined ? null : lead.firstname,
        lastname: lead.lastname === undefined ? null : lead.lastname,
        parentcustomerid: ref('account', accountId),
      }),
      change('create', 'opportunity', opportunityId, {
        name: lead.subject || company,
        customerid: ref('account', accountId),
        parentcontactid: ref('contact', contactId),
        originatingleadid: ref('lead', id),
      }),
      change('update', entity, id, { statecode: 'qualified' }),
    ];
  },
  disqualify(entity, id, lead, fields) {
    const reason = fields.reason;
    if (!DISQUALIFY_REASONS.includes(reason)) {
      return refused('ENT-23', `disqualify ${entity} ${id} needs a reason (${DISQUALIFY_REASONS.join(', ')}), not ${JSON.stringify(reason)}`, entity);
    }
    if (lead.statecode !== 'open') return refused('ENT-23', `cannot disqualify lead ${id}: it is ${lead.statecode}, not open`, entity);
    return [change('update', entity, id, { statecode: 'disqualified', statusreason: reason })];
  },
  mark_complete: (entity, id) => [change('update', entity, id, { statecode: 'completed' })],
  convert_to_opportunity(entity, id, record) {
    const name = record[this.metadata.primaryName(entity)];
    return [change('create', 'opportunity', this.newId(), { name: typeof name === 'string' ? name : id, sourceid: ref(entity, id) })];
  },
};

module.exports = { Planner, refused, change, ref };
