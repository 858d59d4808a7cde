namespace HttmOrleans.Summarization.Rouge;

/// <summary>Turns text into the tokens that ROUGE counts and aligns.</summary>
public interface IRougeTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>, in order.</summary>
    IReadOnlyList<string> Tokenize(string text);
}
