using System.Runtime.InteropServices;

namespace FacetCL.Anchors;

/// <summary>
/// The part of Link Grammar 5.x's C API (link-includes.h) that <see cref="LinkGrammarParser"/> uses.
/// Index and count types are <c>size_t</c> in 5.x, hence <see cref="nuint"/>; C <c>bool</c> is one byte.
/// </summary>
static partial class LinkGrammarNative
{
    const string Library = "liblink-grammar.so.5";

    /// <summary><c>void (*lg_error_handler)(lg_errinfo *, void *)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void ErrorHandler(IntPtr errinfo, IntPtr data);

    [LibraryImport(Library, EntryPoint = "lg_error_set_handler")]
    public static partial IntPtr ErrorSetHandler(IntPtr handler, IntPtr data);

    [LibraryImport(Library, EntryPoint = "dictionary_create_lang", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr DictionaryCreateLang(string lang);

    [LibraryImport(Library, EntryPoint = "dictionary_delete")]
    public static partial void DictionaryDelete(IntPtr dictionary);

    [LibraryImport(Library, EntryPoint = "parse_options_create")]
    public static partial IntPtr ParseOptionsCreate();

    [LibraryImport(Library, EntryPoint = "parse_options_delete")]
    public static partial int ParseOptionsDelete(IntPtr options);

    [LibraryImport(Library, EntryPoint = "parse_options_set_verbosity")]
    public static partial void SetVerbosity(IntPtr options, int verbosity);

    [LibraryImport(Library, EntryPoint = "parse_options_set_linkage_limit")]
    public static partial void SetLinkageLimit(IntPtr options, int limit);

    [LibraryImport(Library, EntryPoint = "parse_options_set_min_null_count")]
    public static partial void SetMinNullCount(IntPtr options, int count);

    [LibraryImport(Library, EntryPoint = "parse_options_set_max_null_count")]
    public static partial void SetMaxNullCount(IntPtr options, int count);

    [LibraryImport(Library, EntryPoint = "parse_options_set_max_parse_time")]
    public static partial void SetMaxParseTime(IntPtr options, int seconds);

    [LibraryImport(Library, EntryPoint = "parse_options_set_spell_guess")]
    public static partial void SetSpellGuess(IntPtr options, int guesses);

    [LibraryImport(Library, EntryPoint = "parse_options_set_repeatable_rand")]
    public static partial void SetRepeatableRand(IntPtr options, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "parse_options_timer_expired")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool TimerExpired(IntPtr options);

    [LibraryImport(Library, EntryPoint = "parse_options_resources_exhausted")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool ResourcesExhausted(IntPtr options);

    [LibraryImport(Library, EntryPoint = "parse_options_reset_resources")]
    public static partial void ResetResources(IntPtr options);

    [LibraryImport(Library, EntryPoint = "sentence_create")]
    public static partial IntPtr SentenceCreate(ReadOnlySpan<byte> utf8NulTerminated, IntPtr dictionary);

    [LibraryImport(Library, EntryPoint = "sentence_delete")]
    public static partial void SentenceDelete(IntPtr sentence);

    [LibraryImport(Library, EntryPoint = "sentence_split")]
    public static partial int SentenceSplit(IntPtr sentence, IntPtr options);

    [LibraryImport(Library, EntryPoint = "sentence_parse")]
    public static partial int SentenceParse(IntPtr sentence, IntPtr options);

    [LibraryImport(Library, EntryPoint = "sentence_length")]
    public static partial int SentenceLength(IntPtr sentence);

    [LibraryImport(Library, EntryPoint = "sentence_null_count")]
    public static partial int SentenceNullCount(IntPtr sentence);

    [LibraryImport(Library, EntryPoint = "linkage_create")]
    public static partial IntPtr LinkageCreate(nuint index, IntPtr sentence, IntPtr options);

    [LibraryImport(Library, EntryPoint = "linkage_delete")]
    public static partial void LinkageDelete(IntPtr linkage);

    [LibraryImport(Library, EntryPoint = "linkage_get_num_words")]
    public static partial nuint LinkageNumWords(IntPtr linkage);

    [LibraryImport(Library, EntryPoint = "linkage_get_num_links")]
    public static partial nuint LinkageNumLinks(IntPtr linkage);

    [LibraryImport(Library, EntryPoint = "linkage_get_link_lword")]
    public static partial nuint LinkLeftWord(IntPtr linkage, nuint link);

    [LibraryImport(Library, EntryPoint = "linkage_get_link_rword")]
    public static partial nuint LinkRightWord(IntPtr linkage, nuint link);

    [LibraryImport(Library, EntryPoint = "linkage_get_link_label")]
    public static partial IntPtr LinkLabel(IntPtr linkage, nuint link);

    [LibraryImport(Library, EntryPoint = "linkage_get_word")]
    public static partial IntPtr Word(IntPtr linkage, nuint word);

    /// <summary>Byte offsets into the UTF-8 input (the char_* variants count code points, which are not UTF-16 indices either).</summary>
    [LibraryImport(Library, EntryPoint = "linkage_get_word_byte_start")]
    public static partial nuint WordByteStart(IntPtr linkage, nuint word);

    [LibraryImport(Library, EntryPoint = "linkage_get_word_byte_end")]
    public static partial nuint WordByteEnd(IntPtr linkage, nuint word);
}
