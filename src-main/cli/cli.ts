#!/usr/bin/env node
/** Placeholder CLI. */
console.log('wrangle');
