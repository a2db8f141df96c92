import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PreloadBridge } from '@shared/ipc/api';
import { createFakeApi } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import ExtractDropZone from './ExtractDropZone.vue';

enableAutoUnmount(afterEach);

/** A drop of these files, as the browser dispatches it (happy-dom's DragEvent carries no `dataTransfer`). */
function dropEvent(files: File[]): Event {
  const dataTransfer = new DataTransfer();
  for (const file of files) dataTransfer.items.add(file);
  const event = new Event('drop', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
  return event;
}

function bridge(pathForFile: (file: File) => string): PreloadBridge {
  return { invoke: vi.fn(), on: vi.fn(() => () => undefined), pathForFile: vi.fn(pathForFile) };
}

describe('ExtractDropZone', () => {
  afterEach(() => {
    delete window.atelier;
  });

  it('in the desktop app, asks the preload bridge for the path of each dropped file and imports them', async () => {
    window.atelier = bridge((file) => `/donnees/extraits/${file.name}`);
    const { wrapper } = mountWithApp(ExtractDropZone, createFakeApi(), { mode: 'electron' });
    const files = [new File(['a'], 'export-territoire.csv'), new File(['b'], 'operateurs.zip')];
    const event = dropEvent(files);
    wrapper.get('[data-testid="drop-zone"]').element.dispatchEvent(event);
    await flushPromises();

    expect(window.atelier.pathForFile).toHaveBeenCalledTimes(2);
    expect(vi.mocked(window.atelier.pathForFile).mock.calls.map(([file]) => file.name)).toEqual([
      'export-territoire.csv',
      'operateurs.zip',
    ]);
    expect(event.defaultPrevented).toBe(true);
    expect(wrapper.emitted('import')).toEqual([[['/donnees/extraits/export-territoire.csv', '/donnees/extraits/operateurs.zip']]]);
  });

  it('in the desktop app, is a button that asks for the file picker, and invites to release while dragging', async () => {
    window.atelier = bridge(() => '');
    const { wrapper } = mountWithApp(ExtractDropZone, createFakeApi(), { mode: 'electron' });
    const zone = wrapper.get('[data-testid="drop-zone"]');
    expect(zone.element.tagName).toBe('BUTTON');
    expect(zone.attributes('type')).toBe('button');
    expect(zone.text()).toContain('Choisir des fichiers');
    expect(zone.text()).toContain('Fichiers .csv, .csv.gz ou .zip');
    await zone.trigger('click');
    expect(wrapper.emitted('pick')).toHaveLength(1);

    await zone.trigger('dragenter');
    expect(zone.text()).toContain('Relâchez pour importer ces fichiers');
    await zone.trigger('dragleave');
    expect(zone.text()).not.toContain('Relâchez');
  });

  it('says so when nothing dropped is a local file', async () => {
    window.atelier = bridge(() => '');
    const { wrapper } = mountWithApp(ExtractDropZone, createFakeApi(), { mode: 'electron' });
    wrapper.get('[data-testid="drop-zone"]').element.dispatchEvent(dropEvent([new File(['x'], 'lien.url')]));
    await flushPromises();
    expect(wrapper.emitted('import')).toBeUndefined();
    expect(wrapper.get('[data-testid="drop-message"]').text()).toContain('Aucun fichier de ce poste n’a été déposé');
  });

  it('in browser mode, is no button and explains that files are given by their path', async () => {
    const { wrapper } = mountWithApp(ExtractDropZone, createFakeApi(), { mode: 'browser' });
    const zone = wrapper.get('[data-testid="drop-zone"]');
    expect(zone.element.tagName).toBe('DIV');
    await zone.trigger('click');
    expect(wrapper.emitted('pick')).toBeUndefined();

    const event = dropEvent([new File(['a'], 'export-territoire.csv')]);
    zone.element.dispatchEvent(event);
    await flushPromises();
    expect(event.defaultPrevented).toBe(true);
    expect(wrapper.emitted('import')).toBeUndefined();
    expect(wrapper.get('[data-testid="drop-message"]').text()).toContain('indiquez le chemin de chaque fichier sur ce poste');
  });
});
