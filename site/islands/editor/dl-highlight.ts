/**
 * Token colours as CSS classes (styled in editor.css with the island's theme variables), so
 * light and dark themes switch without rebuilding the editor.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

export const dlHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.comment, class: 'dl-tok-comment' },
    { tag: tags.keyword, class: 'dl-tok-keyword' },
    { tag: tags.typeName, class: 'dl-tok-name' },
    { tag: tags.className, class: 'dl-tok-dataset' },
    { tag: tags.function(tags.variableName), class: 'dl-tok-item' },
    { tag: tags.propertyName, class: 'dl-tok-option' },
    { tag: tags.atom, class: 'dl-tok-word' },
    { tag: tags.number, class: 'dl-tok-number' },
    { tag: [tags.operator, tags.punctuation], class: 'dl-tok-punct' },
    { tag: tags.invalid, class: 'dl-tok-invalid' },
  ]),
);
