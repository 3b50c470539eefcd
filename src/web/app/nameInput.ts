/**
 * The `count` of an antd Input holding a name: its length in characters (code points), as the API
 * counts it, so 50 × 𠮷 fits a 50-character name — `maxLength` would count UTF-16 units and cut
 * such a name at 25. Input beyond `max` is cut at a character boundary, never inside a pair.
 */
export function nameCount(max: number) {
  return {
    max,
    strategy: (text: string) => [...text].length,
    exceedFormatter: (text: string, config: { max: number }) => [...text].slice(0, config.max).join(''),
  };
}
