/** One column of `DataTable`. */
export interface DataTableColumn<Row> {
  /** Unique among the columns; names the cell slot (`cell-<key>`) and, without `format`, the row field shown. */
  key: string;
  /** The header text. */
  label: string;
  /** `right` for numbers and amounts, so their digits line up (DSFR `fr-cell--right`). */
  align?: 'left' | 'right';
  /** A class of the body cells (not the header), for a column's own layout. */
  cellClass?: string;
  /**
   * Lets the header and the cells wrap (DSFR `fr-cell--multiline`; DSFR cells never wrap otherwise), so that a wide
   * table fits the window instead of hiding its last columns behind a sideways scroll.
   */
  multiline?: boolean;
  /** The cell text; without it, the row's `key` field as a string. */
  format?: (row: Row) => string;
  /** The cell is a row header (`<th scope="row">`): the column that names the row. */
  rowHeader?: boolean;
  /** Makes the column sortable by this value. */
  sortValue?: (row: Row) => string | number;
}
