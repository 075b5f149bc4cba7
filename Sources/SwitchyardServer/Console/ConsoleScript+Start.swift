extension ConsoleScript {
    /// Wiring once the page has loaded: the sign-out button, the hash router, a kept key.
    static let start = #"""
        document.addEventListener("DOMContentLoaded", async () => {
          $("#signout").addEventListener("click", () => signOut());
          window.addEventListener("hashchange", async () => {
            await show();
            $("#main h1")?.focus();
          });
          const kept = sessionStorage.getItem(storageName);
          if (kept) {
            try { await signIn(kept); } catch { sessionStorage.removeItem(storageName); }
          }
          show();
        });
        """#
}
