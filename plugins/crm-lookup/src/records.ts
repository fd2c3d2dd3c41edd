import { parseCsv } from '@sotto/api/data';

export interface CrmRecord {
  readonly name: string;
  readonly email: string;
  readonly company: string;
  readonly dealStage: string;
  readonly lastContact: string;
  readonly notes: string;
}

/** Column names seen in CRM exports (HubSpot, Salesforce, Pipedrive, hand-made sheets), compared without case or punctuation. */
const aliases: Record<keyof CrmRecord, string[]> = {
  name: ['name', 'fullname', 'contact', 'contactname'],
  email: ['email', 'emailaddress', 'mail'],
  company: ['company', 'companyname', 'account', 'accountname', 'organization', 'organisation'],
  dealStage: ['dealstage', 'stage', 'status', 'pipelinestage'],
  lastContact: ['lastcontact', 'lastcontacted', 'lastactivity', 'lastactivitydate'],
  notes: ['notes', 'note', 'comments', 'description'],
};

const squash = (key: string) => key.toLowerCase().replace(/[^a-z]/g, '');

function toRecord(row: Record<string, unknown>): CrmRecord {
  const byKey = new Map(Object.entries(row).map(([k, v]) => [squash(k), v == null ? '' : String(v).trim()]));
  const pick = (field: keyof CrmRecord) => aliases[field].map((a) => byKey.get(a)).find((v) => v) ?? '';
  return { name: pick('name'), email: pick('email'), company: pick('company'), dealStage: pick('dealStage'), lastContact: pick('lastContact'), notes: pick('notes') };
}

/** Reads an export: a JSON array (or `{contacts: [...]}`) or CSV with a header line. */
export function parseExport(fileName: string, text: string): CrmRecord[] {
  const json = /\.json$/i.test(fileName) || /^\s*[[{]/.test(text);
  const data: unknown = json ? JSON.parse(text) : parseCsv(text);
  const rows = Array.isArray(data) ? data : ((data as { contacts?: unknown[] }).contacts ?? []);
  return rows.map((row) => toRecord(row as Record<string, unknown>)).filter((r) => r.name || r.company || r.email);
}
