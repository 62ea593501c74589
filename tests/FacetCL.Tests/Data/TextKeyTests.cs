using FacetCL.Data;

namespace FacetCL.Tests.Data;

public class TextKeyTests
{
    [Theory]
    [InlineData("A man , walking . ", "a man walking")]
    [InlineData("A man, walking.", "a man walking")]
    [InlineData("  Hello\t\tWORLD!\n", "hello world")]
    [InlineData("He said `` Lotos . ''", "he said lotos")]
    [InlineData("He said \"Lotos.\"", "he said lotos")]
    [InlineData("I do n't know", "i dont know")]
    [InlineData("I don't know", "i dont know")]
    [InlineData("The man 's hat", "the mans hat")]
    [InlineData("The man's hat", "the mans hat")]
    [InlineData("They 're here , we 've gone , I 'm out", "theyre here weve gone im out")]
    [InlineData("It costs $ 5 - 10 %", "it costs 5 10")]
    [InlineData("Ünïcode ÉTÉ", "ünïcode été")]
    [InlineData(" ... ", "")]
    public void Normalizes(string input, string expected)
    {
        Assert.Equal(expected, TextKey.Normalize(input));
    }

    [Fact]
    public void TokenizedAndOriginalMatch()
    {
        Assert.Equal(
            TextKey.Normalize("Two women are embracing while holding to go packages."),
            TextKey.Normalize("Two women are embracing while holding to go packages . "));
        Assert.Equal(TextKey.Normalize("It ca n't be."), TextKey.Normalize("It can't be."));
    }
}
