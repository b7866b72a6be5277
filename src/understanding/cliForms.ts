/**
 * Round 14b: a command-line user's half-remembered forms, said as the words they stand for:
 *  - a flag's name used as a noun ("from authorized-ip-ranges", "the api-server-authorized-ip-ranges"): the ranges;
 *  - "nc -zv HOST PORT", "telnet HOST PORT": the port is the port ("nc … HOST port PORT", which the flow rule reads);
 *  - "svc/NAME -n NS", "service/NAME --namespace NS" said in a sentence: NAME in NS;
 *  - "trigger / kick off a one-off digest": send one now.
 * Applied by normaliseText (lower case) before the other phrase lists.
 */
export const CLI_FORMS: Array<[RegExp, string]> = [
  [/(?<![\w-])(?:--)?(?:api-server-)?authori[sz]ed[-_]ip[-_]ranges(?![\w-])/g, 'authorized ip ranges'],
  [/\b(nc|ncat|telnet)((?: -{1,2}[a-z-]+)*) ([a-z0-9][\w.-]*) (\d{1,5})\b(?!\s*(?:\/|ms\b|s\b|seconds?\b))/g, '$1$2 $3 port $4'],
  [/(?<![\w-])(?:svc|service|services)\/([a-z0-9][\w-]*)\s+(?:-n|--namespace)[= ]([a-z0-9][\w-]*)\b/g, '$1 in $2'],
  [/\b(?:trigger|fire off|fire|kick off|run|send out) (?:an? )?(?:one-off|one off|ad[- ]hoc|single|manual|extra)(?: posture| security)? (digest|summary|report)\b/g, 'send a $1 now'],
];
