'use strict';
/** The page's entity table: which entities can go offline and which commands each allows there. */

const CRUD = ['create', 'read', 'update', 'delete'];
/** Every command the seam names; any other word is malformed input (REL-BAD). */
const COMMANDS = [
  ...CRUD, 'convert_activity_to_case', 'qualify', 'disqualify', 'mark_complete', 'refresh', 'convert_to_opportunity',
  'assign', 'share', 'merge', 'deactivate',
];
const READ_ONLY = ['read'];
const CUSTOM_ENTITY_EXTRAS = ['mark_complete', 'refresh', 'convert_to_opportunity'];

function row(name, label, claim, base, ...extra) {
  return { name, label, claim, commands: new Set([...base, ...extra]) };
}

const ROWS = [
  row('account', 'Account', 'ENT-01', CRUD),
  row('activitypointer', 'Activity Pointer', 'ENT-02', READ_ONLY, 'delete'),
  row('appointment', 'Appointment', 'ENT-03', CRUD, 'convert_activity_to_case'),
  row('activitymimeattachment', 'Attachment', 'ENT-04', READ_ONLY),
  row('incident', 'Case', 'ENT-05', CRUD),
  row('competitor', 'Competitor', 'ENT-06', CRUD),
  row('competitoraddress', 'Competitor Address', 'ENT-07', CRUD),
  row('connection', 'Connection', 'ENT-08', READ_ONLY),
  row('connectionrole', 'Connection Role', 'ENT-09', READ_ONLY),
  row('contact', 'Contact', 'ENT-10', CRUD),
  row('email', 'Email', 'ENT-12', READ_ONLY),
  row('lead', 'Lead', 'ENT-13', CRUD, 'qualify', 'disqualify'),
  row('opportunity', 'Opportunity', 'ENT-14', CRUD),
  row('opportunityproduct', 'Opportunity Product', 'ENT-15', CRUD),
  row('phonecall', 'Phone Call', 'ENT-16', CRUD),
  row('position', 'Position', 'ENT-17', CRUD),
  row('product', 'Product', 'ENT-18', READ_ONLY),
  row('task', 'Task', 'ENT-19', CRUD),
  row('team', 'Team', 'ENT-20', READ_ONLY),
  row('systemuser', 'User', 'ENT-21', READ_ONLY),
];
const TABLE = new Map(ROWS.map((r) => [r.name, r]));
const CUSTOM = row('(custom)', 'Custom entity', 'ENT-11', CRUD, ...CUSTOM_ENTITY_EXTRAS);
const NOT_OFFLINE_CLAIM = 'ENT-22';

/** The row governing `name` offline, or null when the entity cannot go offline (ENT-22). */
function tableRow(name, isCustom) {
  return isCustom ? CUSTOM : TABLE.get(name) || null;
}

module.exports = { CRUD, COMMANDS, tableRow, NOT_OFFLINE_CLAIM };
