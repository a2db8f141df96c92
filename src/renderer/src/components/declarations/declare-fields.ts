import type { DeclarationField } from '@shared/types/declarations';

/** A field of « Déclarer un trajet » typed as text (the communes and the role have controls of their own). */
export type TextField = Exclude<DeclarationField, 'from' | 'to' | 'role'>;

/** One text field as the form shows it: its label and hint in French, half a row (`wide`) or a quarter, its input's attributes. */
export interface TextFieldView {
  name: TextField;
  label: string;
  hint?: string;
  wide?: boolean;
  attrs?: Record<string, string>;
}
