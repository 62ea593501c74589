namespace FacetCL.Anchors;

/// <summary>
/// The English Link Grammar dictionary, loaded once per process and shared: loading takes about a
/// second, and in Link Grammar 5.x a dictionary is read-only after creation and may be used by many
/// threads at once (each thread brings its own Parse_Options and Sentence). Reference-counted so the
/// native memory is freed when the last parser is disposed.
/// </summary>
static class LinkGrammarDictionary
{
    static readonly Lock Gate = new();
    static IntPtr handle;
    static int users;

    public static IntPtr Acquire()
    {
        lock (Gate)
        {
            if (handle == IntPtr.Zero)
            {
                LinkGrammarQuiet.Install();
                handle = LinkGrammarNative.DictionaryCreateLang("en");
                if (handle == IntPtr.Zero)
                    throw new InvalidOperationException("Link Grammar: cannot open the English dictionary (install the Debian packages link-grammar and liblink-grammar5: scripts/setup-system.sh)");
            }
            users++;
            return handle;
        }
    }

    public static void Release()
    {
        lock (Gate)
        {
            if (users == 0) return;
            if (--users > 0) return;
            LinkGrammarNative.DictionaryDelete(handle);
            handle = IntPtr.Zero;
        }
    }
}

/// <summary>
/// Silences Link Grammar's messages (dictionary info lines, "timer expired" warnings) that would
/// otherwise go to stderr for every odd sentence. The handler is thread-local in the library, so it is
/// installed on each thread before it parses; the delegate stays rooted for the process's lifetime.
/// </summary>
static class LinkGrammarQuiet
{
    static readonly LinkGrammarNative.ErrorHandler Handler = (_, _) => { };
    static readonly IntPtr HandlerPointer = System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(Handler);

    [ThreadStatic] static bool installed;

    public static void Install()
    {
        if (installed) return;
        LinkGrammarNative.ErrorSetHandler(HandlerPointer, IntPtr.Zero);
        installed = true;
    }
}
