import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { ASSETS_ROOT } from './assets.js';

/**
 * An isolated Handlebars instance: no helpers or partials registered by anything else in the
 * process, strict so a missing value fails the run instead of printing nothing, and no HTML
 * escaping because every value is escaped for its target language before it gets here.
 */
const handlebars = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Marks a value as already escaped for the position it will be rendered into. */
export type Escaped = string & { readonly __escaped: true };

export function escaped(value: string): Escaped {
  return value as Escaped;
}

type TemplateValue = Escaped | boolean | readonly TemplateValue[] | { readonly [key: string]: TemplateValue };

export function renderTemplate(name: string, context: { readonly [key: string]: TemplateValue }): string {
  let template = cache.get(name);
  if (template === undefined) {
    const source = readFileSync(path.join(ASSETS_ROOT, 'templates', `${name}.hbs`), 'utf8');
    template = handlebars.compile(source, { strict: true, noEscape: true });
    cache.set(name, template);
  }
  return template(context);
}
