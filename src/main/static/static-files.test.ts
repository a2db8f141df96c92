import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-store';
import { contentTypeOf, RENDERER_CSP, resolveStaticPath } from './static-files';

let dir: string;
let root: string;

beforeEach(() => {
  // <dir>/secret.txt sits next to the served root <dir>/renderer.
  dir = makeTempDir();
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), '');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('resolveStaticPath', () => {
  it('maps / (and an empty path) to index.html', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/?token=x')).toBe(join(root, 'index.html'));
  });

  it('maps a path inside the root, ignoring the query string and decoding it', () => {
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/assets/app.js?v=3')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/assets/caf%C3%A9.png')).toBe(join(root, 'assets', 'café.png'));
    expect(resolveStaticPath(root, '/assets/../index.html')).toBe(join(root, 'index.html'));
  });

  it.each([
    ['/../secret.txt'],
    ['/assets/../../secret.txt'],
    ['/%2e%2e/secret.txt'],
    ['/%2E%2E/secret.txt'],
    ['/assets/%2e%2e/%2e%2e/secret.txt'],
    ['/..%2fsecret.txt'],
    ['/assets%2F..%2F..%2Fsecret.txt'],
    ['/..%5csecret.txt'],
    ['/assets%5Capp.js'],
    ['/assets\\app.js'],
    ['/index.html%00.png'],
    ['/index.html\0'],
    ['/%E0%A4%A'],
    ['/..'],
    ['/assets/..'],
  ])('refuses %s', (urlPath) => {
    expect(resolveStaticPath(root, urlPath)).toBeNull();
  });

  it('keeps absolute-looking paths inside the root', () => {
    expect(resolveStaticPath(root, '//etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveStaticPath(root, `/${join(dir, 'secret.txt')}`)).toBe(join(root, dir, 'secret.txt'));
  });
});

describe('contentTypeOf', () => {
  it('knows the renderer’s file types, case-insensitively', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/a/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('x.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('x.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('Makefile')).toBe('application/octet-stream');
  });
});

describe('RENDERER_CSP', () => {
  it('allows only same-origin content, no eval and no framing', () => {
    const directives = new Map(RENDERER_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(RENDERER_CSP).not.toContain('unsafe-eval');
  });
});
