// Fills a message template: `{name}` takes the parameter; `{count|entry|entries}` takes the first
// word when the parameter is 1 and the second otherwise (English plurals; Chinese needs none).

export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    if (one === undefined || other === undefined) return String(value);
    return Number(value) === 1 ? one : other;
  });
}
