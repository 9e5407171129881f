/** Image imports: Vite gives the file's URL (a data: URL when it is small), which the CSP's img-src allows. */
declare module '*.svg' {
  const url: string;
  export default url;
}
