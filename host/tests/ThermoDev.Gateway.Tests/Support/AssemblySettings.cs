using Microsoft.VisualStudio.TestTools.UnitTesting;

// Test classes run in parallel; every server a test starts is on loopback with free ports.
[assembly: Parallelize(Scope = ExecutionScope.ClassLevel, Workers = 0)]
