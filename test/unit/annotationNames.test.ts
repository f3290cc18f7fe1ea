/**
 * The annotation names each runtime defines (generated: kata/facts/annotations.json) against our own
 * knowledge of the hypervisor annotations (kata/annotations.ts): the same names for every runtime
 * and release, so the docs check, completion and the enable_annotations rules agree.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANNOTATION_PREFIX, annotationIn, HYPERVISOR_ANNOTATIONS } from '../../server/src/kata/annotations';
import { annotationDefined, annotationNames, annotationReleases } from '../../server/src/kata/annotationNames';
import { RELEASES, RUNTIMES } from '../../server/src/kata/releases';

test('hypervisor annotations: our knowledge names exactly what each runtime defines, per release', () => {
  const differences: string[] = [];
  for (const runtime of RUNTIMES) {
    for (const release of RELEASES) {
      const ours = new Set(HYPERVISOR_ANNOTATIONS.filter((a) => annotationIn(a, runtime, release)).map((a) => ANNOTATION_PREFIX + a.name));
      const kata = new Set(annotationNames(runtime).filter((n) => n.startsWith(ANNOTATION_PREFIX) && annotationDefined(n, runtime, release)));
      for (const n of ours) if (!kata.has(n)) differences.push(`${runtime} ${release}: ${n} is ours only`);
      for (const n of kata) if (!ours.has(n)) differences.push(`${runtime} ${release}: ${n} is Kata's only`);
    }
  }
  assert.deepEqual(differences, []);
});

test('runtime and agent annotations, from Kata\'s constants', () => {
  assert.ok(annotationDefined('io.katacontainers.config.agent.cdh_api_timeout_ms', 'rs', '4.1.0'));
  assert.ok(!annotationDefined('io.katacontainers.config.agent.cdh_api_timeout_ms', 'rs', '3.30.0'), 'runtime-rs has it from 3.31.0');
  assert.ok(!annotationDefined('io.katacontainers.config.agent.cdh_api_timeout', 'go', '4.1.0'), 'the Go runtime has a kernel parameter of that name, no annotation');
  assert.ok(annotationDefined('io.katacontainers.config.runtime.cc_init_data', 'go', '3.19.1') && !annotationDefined('io.katacontainers.config.runtime.cc_init_data', 'go', '3.20.0'));
  assert.equal(annotationReleases('io.katacontainers.config.hypervisor.use_vsock', 'go'), undefined);
});
