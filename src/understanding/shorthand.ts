/** Written shorthand spelled out before anything reads it ("w/ A" is "with A", "w/o expiry" is "without expiry"). */
export function withShorthandSpelled(said: string): string {
  return said.replace(/(?<![\w/])w\/o(?![\w/])/gi, 'without').replace(/(?<![\w/])w\/(?=\s|$)/gi, 'with');
}
