/**
 * Which `io.katacontainers.config.*` annotation names each runtime defines at each release: the
 * generated facts (facts/annotations.json, from Kata's annotation constants; `npm run kata:facts`).
 * annotations.ts holds our own knowledge about the hypervisor ones (what they override, gating).
 */
import facts from './facts/annotations.json';
import { ReleaseSet, type Release, type Runtime } from './releases';

const byRuntime: Record<Runtime, Map<string, ReleaseSet>> = {
  go: new Map(facts.go.map((a) => [a.name, ReleaseSet.parse(a.releases)])),
  rs: new Map(facts.rs.map((a) => [a.name, ReleaseSet.parse(a.releases)])),
};

/** The releases in which `runtime` defines the annotation, or undefined when it never does. */
export function annotationReleases(name: string, runtime: Runtime): ReleaseSet | undefined {
  return byRuntime[runtime].get(name);
}

export function annotationDefined(name: string, runtime: Runtime, release: Release): boolean {
  return !!byRuntime[runtime].get(name)?.has(release);
}

/** Every name a runtime defines at some release (for suggestions). */
export function annotationNames(runtime: Runtime): string[] {
  return [...byRuntime[runtime].keys()];
}
