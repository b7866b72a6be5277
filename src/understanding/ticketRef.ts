/**
 * Round 13b: a ticket or work-item reference said before (or after) the request ("INC0042410: …", "Ticket #5521: …",
 * "Work item 88213 — …", "CHG-2291: …", "AB#4471 …", "… (ref JIRA-311)") only files the request; it is no word of it.
 * An id is a tracker word with a number ("ticket 55", "work item #88"), or capitals run into a number of three digits
 * or more ("INC0042410"), or capitals, a "-" or "#" and a number ("CHG-2291", "AB#4471"). Names in a cluster are lower
 * case; a cluster's own name is never taken for an id, and a CVE id is a value of the request, so it stays.
 */
const TRACKER = String.raw`(?:[Tt]icket|TICKET|[Ii]ncident|[Cc]hange(?: [Rr]equest)?|[Ww]ork ?[Ii]tem|[Ss]tory|[Tt]ask|[Bb]ug|[Ii]ssue|[Cc]ase|[Rr]eq(?:uest)?|JIRA|[Jj]ira|ADO|PBI)`;
const ID = String.raw`(?:${TRACKER}\s*(?:[Nn]o\.?|[Nn]umber|#)?\s*#?\s*[A-Z]{0,6}[-#]?\d{2,}|(?!CVE)[A-Z]{2,8}\d{3,}|(?!CVE)[A-Z]{2,8}\s?[-#]\s?\d{2,})`;
const BY = String.raw`(?:(?:[Rr]e|[Rr]ef|[Pp]er|[Ss]ee|[Ff]or)\s*:?\s*)`;
/** At the start: "[INC123]", "INC123:", "Ticket #55 —", "re: CHG-22 -", "AB#44 " (a bare id needs no separator). */
const LEADING = new RegExp(String.raw`^\s*${BY}?[([]?(${ID})[)\]]?\s*(?::|—|–|-{1,2}|\||>|->|\.)?\s+`);
/** At the end: "(INC123)", "— ticket 55", "ref CHG-22", "per AB#44". */
const TRAILING = new RegExp(String.raw`\s*(?:[([]\s*${BY}?(${ID})\s*[)\]]|(?:—|–|-{1,2}|,|;)\s*${BY}?(${ID})|\s${BY}(${ID}))\s*[.!]*\s*$`);

export function withoutTicketRef(text: string, clusters: readonly string[] = []): string {
  const isCluster = (id: string | undefined) => id !== undefined && clusters.some((c) => c.toLowerCase() === id.trim().toLowerCase());
  const lead = LEADING.exec(text);
  let rest = lead && !isCluster(lead[1]) ? text.slice(lead[0].length) : text;
  const tail = TRAILING.exec(rest);
  if (tail && !isCluster(tail[1] ?? tail[2] ?? tail[3])) rest = rest.slice(0, tail.index);
  // (an id alone is no request: the message stays as it was)
  return /[a-z]{2}/i.test(rest) ? rest : text;
}
