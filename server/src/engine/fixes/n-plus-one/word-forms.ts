

export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

export function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function plural(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return /(?:s|x|z|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`;
}

export function singular(name: string): string | undefined {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (/(?:ss|us)$/.test(name)) return undefined;
  return name.endsWith('s') ? name.slice(0, -1) : undefined;
}
