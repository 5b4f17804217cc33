namespace Runner.Tests; public class T { [Test] public void A() => Assert.Pass(); }
