import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import DataTable from './DataTable.vue';
import type { DataTableColumn } from './data-table';

interface Row {
  name: string;
  count: number;
}
const rows: Row[] = [
  { name: 'Nantes', count: 3 },
  { name: 'Angers', count: 12 },
];
const columns: DataTableColumn<Row>[] = [
  { key: 'name', label: 'Commune', rowHeader: true, sortValue: (row) => row.name },
  { key: 'count', label: 'Trajets', align: 'right', format: (row) => `${row.count} trajets` },
];

function mountTable() {
  return mount(DataTable<Row>, { props: { caption: 'Trajets par commune', columns, rows, rowKey: (row: Row) => row.name, rowTestId: 'row' } });
}

describe('DataTable', () => {
  it('draws a captioned table in a named, focusable scrolling region, numbers right-aligned, rows named by a header', () => {
    const wrapper = mountTable();
    const region = wrapper.get('[role="region"]');
    expect(region.attributes('tabindex')).toBe('0');
    expect(region.attributes('aria-label')).toBe('Trajets par commune');
    expect(wrapper.get('caption').text()).toBe('Trajets par commune');
    const first = wrapper.findAll('[data-testid="row"]')[0];
    expect(first?.get('th').attributes('scope')).toBe('row');
    expect(first?.get('td').classes()).toContain('fr-cell--right');
    expect(first?.get('td').text()).toBe('3 trajets');
  });

  it('sorts by a sortable column, ascending then descending, and says so with aria-sort', async () => {
    const wrapper = mountTable();
    const header = () => wrapper.findAll('thead th')[0];
    const names = () => wrapper.findAll('tbody th').map((cell) => cell.text());
    expect(header()?.attributes('aria-sort')).toBe('none');
    expect(wrapper.findAll('thead th')[1]?.attributes('aria-sort')).toBeUndefined();
    await header()?.get('button').trigger('click');
    expect(names()).toEqual(['Angers', 'Nantes']);
    expect(header()?.attributes('aria-sort')).toBe('ascending');
    await header()?.get('button').trigger('click');
    expect(names()).toEqual(['Nantes', 'Angers']);
    expect(header()?.attributes('aria-sort')).toBe('descending');
  });

  it('lets the header and cells of a multiline column wrap, and only those', () => {
    const wrapper = mount(DataTable<Row>, {
      props: { caption: 'Trajets', columns: [columns[0], { ...columns[1], multiline: true }] as DataTableColumn<Row>[], rows, rowKey: (row: Row) => row.name },
    });
    const [nameHeader, countHeader] = wrapper.findAll('thead th');
    expect(nameHeader?.classes()).not.toContain('fr-cell--multiline');
    expect(countHeader?.classes()).toEqual(expect.arrayContaining(['fr-cell--right', 'fr-cell--multiline']));
    expect(wrapper.get('tbody td').classes()).toEqual(expect.arrayContaining(['fr-cell--right', 'fr-cell--multiline']));
    expect(wrapper.get('tbody th').classes()).not.toContain('fr-cell--multiline');
  });
});
