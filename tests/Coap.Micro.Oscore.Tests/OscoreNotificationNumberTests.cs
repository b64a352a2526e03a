using Coap.Micro.Oscore;
using nanoFramework.TestFramework;

namespace ThermoDev.Tests.Oscore
{
    /// <summary>
    /// The client's Notification Number per Observe registration (RFC 8613 §4.1.3.5.2, §7.4): a notification is fresh
    /// only if its Partial IV is greater than the largest one accepted for that registration.
    /// </summary>
    [TestClass]
    public class OscoreNotificationNumberTests
    {
        [TestMethod]
        public void TheFirstNotificationIsFreshWhateverItsPartialIv()
        {
            Assert.IsTrue(new OscoreNotificationNumber().IsFresh(0));
            Assert.IsTrue(new OscoreNotificationNumber().IsFresh(OscoreSecurityContext.MaxPartialIv));
            Assert.AreEqual(-1L, new OscoreNotificationNumber().Value);
        }

        [TestMethod]
        public void OnlyALargerPartialIvIsFresh()
        {
            OscoreNotificationNumber number = new OscoreNotificationNumber();
            number.Accept(20);
            Assert.AreEqual(20L, number.Value);
            Assert.IsFalse(number.IsFresh(20));
            Assert.IsFalse(number.IsFresh(19));
            Assert.IsFalse(number.IsFresh(0));
            Assert.IsTrue(number.IsFresh(21));
            Assert.IsTrue(number.IsFresh(5000));
        }

        [TestMethod]
        public void OnlyAVerifiedNotificationMovesTheNumber()
        {
            OscoreNotificationNumber number = new OscoreNotificationNumber();
            number.Accept(3);
            Assert.IsTrue(number.IsFresh(9));
            Assert.IsTrue(number.IsFresh(9));
            Assert.AreEqual(3L, number.Value);
            number.Accept(9);
            Assert.IsFalse(number.IsFresh(4));
        }

        [TestMethod]
        public void AcceptingAnOlderPartialIvNeverMovesTheNumberBack()
        {
            OscoreNotificationNumber number = new OscoreNotificationNumber();
            number.Accept(9);
            number.Accept(4);
            Assert.AreEqual(9L, number.Value);
            Assert.IsFalse(number.IsFresh(5));
        }

        [TestMethod]
        public void ResetStartsANewRegistration()
        {
            OscoreNotificationNumber number = new OscoreNotificationNumber();
            number.Accept(9);
            number.Reset();
            Assert.IsTrue(number.IsFresh(0));
        }

        [TestMethod]
        public void APartialIvOutsideTheRangeIsNeverFresh()
        {
            OscoreNotificationNumber number = new OscoreNotificationNumber();
            Assert.IsFalse(number.IsFresh(-1));
            Assert.IsFalse(number.IsFresh(OscoreSecurityContext.MaxPartialIv + 1));
        }
    }
}
