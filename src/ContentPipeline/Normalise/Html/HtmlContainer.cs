using System.Text;
using AngleSharp.Dom;

namespace ContentPipeline.Normalise.Html;

/// <summary>
/// Describes where a block sits in the page: the semantic tags, ARIA roles and class/id words of its block
/// ancestors, nearest first, as one space-separated lowercase string ("aside author box sidebar").
/// Boilerplate extractors (Readability, boilerpipe, trafilatura) lean on exactly this: sites name their chrome
/// "footer", "sidebar", "related", "share", "comments" far more consistently than they word it.
/// </summary>
public static class HtmlContainer
{
    /// <summary>Most words kept: the nearest ancestors say the most, the page shell says little.</summary>
    public const int MaxWords = 12;
    private const int MaxWordLength = 24;

    /// <summary>
    /// The description of a block element given its parent's; returns <paramref name="parent"/> itself when the
    /// element adds nothing (a bare div), so nested markup costs no allocation.
    /// </summary>
    public static string? Describe(IElement element, string? parent)
    {
        var name = element.LocalName;
        string? tag = IsSemantic(name) ? name : null;
        string? role = element.GetAttribute("role");
        string? cls = element.GetAttribute("class");
        string? id = element.GetAttribute("id");
        if (tag is null && string.IsNullOrEmpty(role) && string.IsNullOrEmpty(cls) && string.IsNullOrEmpty(id)) return parent;

        var words = new List<string>(8);
        if (tag is not null) words.Add(tag);
        AddWords(role, words);
        AddWords(cls, words);
        AddWords(id, words);
        if (words.Count == 0) return parent;
        if (parent is not null)
            foreach (var w in parent.Split(' '))
                if (words.Count < MaxWords && !words.Contains(w)) words.Add(w);
        return string.Join(' ', words);
    }

    private static bool IsSemantic(string name) => name is "nav" or "aside" or "header" or "footer" or "article" or "main"
        or "form" or "menu" or "figure" or "figcaption" or "table" or "address" or "search" or "details" or "section";

    /// <summary>Splits "post-footer__shareBar" into post, footer, share, bar; drops generated ids (any digit).</summary>
    internal static void AddWords(string? value, List<string> words)
    {
        if (string.IsNullOrEmpty(value)) return;
        var word = new StringBuilder(MaxWordLength);
        bool hasDigit = false;
        void Flush()
        {
            if (word.Length >= 2 && word.Length <= MaxWordLength && !hasDigit && words.Count < MaxWords)
            {
                var w = word.ToString();
                if (!words.Contains(w)) words.Add(w);
            }
            word.Clear();
            hasDigit = false;
        }
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsAsciiLetter(c) || char.IsAsciiDigit(c))
            {
                // camelCase boundary: "shareBar" → share, bar
                if (char.IsAsciiLetterUpper(c) && word.Length > 0 && i > 0 && char.IsAsciiLetterLower(value[i - 1])) Flush();
                if (char.IsAsciiDigit(c)) hasDigit = true;
                word.Append(char.ToLowerInvariant(c));
            }
            else Flush();
        }
        Flush();
    }
}
