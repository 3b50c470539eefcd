import type { TestProject } from 'vitest/node';
import { chooseChromium, type ChromiumChoice } from './browser';

/**
 * Vitest global setup: choose the Chromium once per run, before any test file starts (the packaged
 * one unpacks itself into the temp folder, which parallel test files must not race to do), and say
 * in the test output which one the browser tests drive.
 */
export default async function setup(project: TestProject) {
  const choice = await chooseChromium();
  console.log(`[${project.name}] browser tests drive ${choice.label}`);
  project.provide('chromium', choice);
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: ChromiumChoice;
  }
}
