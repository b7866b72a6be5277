/**
 * Round 12d: "can the internet hit X?", "could anything on the internet get to X?": the internet said as the subject
 * of "can" asks whether a flow from it gets through (a can-reach), not what X exposes ("is X reachable from the
 * internet?", "who can reach X from outside?" stay its exposure). Read on normalised text, where "the outside world"
 * is already "the internet".
 */
const INTERNET_CAN = /\b(?:can|could)\s+(?:(?:the|anything|anyone|anybody|someone|somebody|something|stuff|people|users|traffic|on|from|in|public|whole|wider|open)\s+){0,4}internet\b/;

export function internetAsked(text: string): boolean {
  return INTERNET_CAN.test(text);
}
