/**
 * A checklist's numbering in front of the request ("3) make X internal", "12. list the policies", "#5 check X",
 * "step 4: …", "- [ ] 2 - …"): it counts the items, it is no value of the command (it was read as one and asked about).
 */
const MARKER = /^\s*(?:[-*•]\s+)?(?:\[[ xX✓]?\]\s*)?(?:(?:(?:step|item|task|todo|action)\s*#?\d{1,3}|#\d{1,3}|\d{1,3}[a-z]?)\s*(?:[.)\]:]|\s[-–—:])\s+|#\d{1,3}\s+)(?=[a-z@"'(])/i;

export function withoutListMarker(said: string): string {
  const m = MARKER.exec(said);
  return m ? said.slice(m[0].length) : said;
}
