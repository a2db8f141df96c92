import { createTestingPinia } from '@pinia/testing';
import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { vi } from 'vitest';
import type { Component } from 'vue';
import { createMemoryHistory } from 'vue-router';
import type { Api } from '@shared/ipc/api';
import { setApi } from '@renderer/api/instance';
import { createAppI18n } from '@renderer/i18n';
import { createAppRouter } from '@renderer/router';

/**
 * Mounts a component as the application would (real stores, French i18n, router in memory) over a fake `Api`.
 * For tests only.
 */
export function mountWithApp<C extends Component>(
  component: C,
  api: Api,
  props?: ComponentMountingOptions<C>['props'],
) {
  setApi(api);
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false });
  const router = createAppRouter(createMemoryHistory());
  const wrapper = mount(component, {
    props,
    attachTo: document.body,
    global: { plugins: [pinia, createAppI18n(), router] },
  } as ComponentMountingOptions<C>);
  return { wrapper, pinia, router };
}
