using System;
using nanoFramework.TestFramework;
using TestFrameworkShared;

namespace ThermoDev.HostTests.Adapter
{
    /// <summary>The adapter's Assert must fail exactly when nanoFramework's would.</summary>
    [TestClass]
    public class AssertTests
    {
        private static void MustFail(Action action)
        {
            Assert.ThrowsException(typeof(AssertFailedException), action);
        }

        [TestMethod]
        public void AreEqualFailsOnDifferentValues()
        {
            MustFail(() => Assert.AreEqual(1, 2));
            MustFail(() => Assert.AreEqual("a", "b"));
            MustFail(() => Assert.AreEqual((byte)1, (byte)2));
            MustFail(() => Assert.AreEqual(0.1, 0.2));
            MustFail(() => Assert.AreNotEqual(3, 3));
            Assert.AreEqual(2, 2);
            Assert.AreEqual((string)null, null);
        }

        [TestMethod]
        public void BooleanNullAndSameAssertionsFail()
        {
            MustFail(() => Assert.IsTrue(false));
            MustFail(() => Assert.IsFalse(true));
            MustFail(() => Assert.IsNull(new object()));
            MustFail(() => Assert.IsNotNull(null));
            MustFail(() => Assert.AreSame(new object(), new object()));
        }

        [TestMethod]
        public void ThrowsExceptionNeedsTheExactType()
        {
            MustFail(() => Assert.ThrowsException(typeof(Exception), () => throw new InvalidOperationException()));
            MustFail(() => Assert.ThrowsException(typeof(Exception), () => { }));
            Assert.ThrowsException(typeof(InvalidOperationException), () => throw new InvalidOperationException());
        }

        [TestMethod]
        public void StringAssertionsFail()
        {
            MustFail(() => Assert.Contains("x", "abc"));
            MustFail(() => Assert.StartsWith("b", "abc"));
            MustFail(() => Assert.EndsWith("b", "abc"));
            MustFail(() => Assert.DoesNotContains("b", "abc"));
            Assert.EndsWith("bc", "abc");
        }

        [TestMethod]
        public void InstanceOfTypeNeedsTheExactType()
        {
            MustFail(() => Assert.IsInstanceOfType(new InvalidOperationException(), typeof(Exception)));
            Assert.IsInstanceOfType("s", typeof(string));
        }

        [TestMethod]
        public void CollectionAssertComparesElements()
        {
            MustFail(() => CollectionAssert.AreEqual(new[] { 1, 2 }, new[] { 1, 3 }));
            CollectionAssert.AreEqual(new[] { 1, 2 }, new[] { 1, 2 });
        }

        [TestMethod]
        public void FailureMessageNamesTheExpression()
        {
            int actual = 2;
            try
            {
                Assert.AreEqual(1, actual);
            }
            catch (AssertFailedException ex)
            {
                Assert.Contains("Expected:<1>. Actual:<2>.", ex.Message);
                Assert.Contains("actual", ex.Message);
                return;
            }

            throw new Exception("AreEqual did not fail");
        }
    }
}
