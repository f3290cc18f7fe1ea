/** The diagnostic codes of the Kata-checkout checks (templates as built, Markdown docs), documented with the rules' codes. */
import type { CodeInfo } from '../kata/diagnostics/rule';

export const CHECKOUT_CODES: readonly CodeInfo[] = [
  {
    code: 'kata-template-unexpanded',
    severity: 'error',
    title: 'A template placeholder that the Makefile never substitutes, so the installed file keeps it literally',
    kata: 'src/runtime/Makefile, src/runtime-rs/Makefile: the GENERATED_VARS / USER_VARS sed list of the generated config files',
    note: 'Reported by `kata-config lint --kata-source` and in the editor for a template of a Kata checkout, per architecture. Information when the placeholder sits in a comment, where it does no harm.',
  },
  {
    code: 'kata-doc-missing-template',
    severity: 'error',
    title: 'A documentation link (or name) to a config template the checkout does not have',
    kata: 'src/runtime/config/*.toml.in, src/runtime-rs/config/*.toml.in of the checkout',
    note: 'A warning for a template named in inline code rather than linked.',
  },
  {
    code: 'kata-doc-config-name',
    severity: 'warning',
    title: 'A config file name in the docs that is not the name Kata installs (from the linked template, or at all)',
    kata: 'the installed name is the template name without .in (the Makefiles\' CONFIGS); the catalog of installed files per runtime and release',
  },
  {
    code: 'kata-doc-config-runtime',
    severity: 'warning',
    title: 'A config file attributed to one runtime by the text, which belongs to the other',
    kata: 'src/runtime/config (Go runtime) and src/runtime-rs/config (runtime-rs); the catalog of installed files per runtime',
  },
  {
    code: 'kata-doc-annotation',
    severity: 'warning',
    title: 'An annotation name in the docs that the documented runtime does not define at the documented release',
    kata: 'src/runtime/virtcontainers/pkg/annotations/annotations.go; src/libs/kata-types/src/annotations/mod.rs',
  },
];
