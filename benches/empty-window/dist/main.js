// Two frames after loading: the page has been painted once. Then report, as Attune's first
// screen does.
requestAnimationFrame(() =>
  requestAnimationFrame(() => {
    window.__TAURI_INTERNALS__.invoke('first_screen_shown');
  }),
);
