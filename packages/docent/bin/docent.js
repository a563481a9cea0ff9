#!/usr/bin/env node
// The `docent` command of the umbrella package: the CLI of @docent/cli, nothing more.
import '@docent/cli/main';
