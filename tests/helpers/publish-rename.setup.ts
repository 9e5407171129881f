/**
 * Setup for the "publish-rename" test project: the same transfer tests again, with every file published
 * through a temporary name and a rename (the path taken where the filesystem has no O_TMPFILE).
 */
process.env.WRANGLE_COPY_PUBLISH = 'rename';
