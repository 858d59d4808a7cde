namespace HttmOrleans.Runtime.Tests; public class Placeholder { [Xunit.Fact] public void Builds() => Xunit.Assert.True(true); }
