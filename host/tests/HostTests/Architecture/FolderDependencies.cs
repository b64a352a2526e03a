using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using ThermoDev.HostTests.ApiCheck;

namespace ThermoDev.HostTests.Architecture
{
    /// <summary>
    /// Which top-level source folder of a library refers to which, read from the compiled assembly: a type refers
    /// to another of the same assembly through its base type, interfaces, fields, method signatures,
    /// locals and the tokens in its IL (calls, field accesses, type tests, object creation). Each type
    /// belongs to the folder of the source file that declares it (nested types to their outer type's),
    /// found by its declaration in the library's sources.
    /// </summary>
    public sealed class FolderDependencies
    {
        private static readonly Regex Declaration = new Regex(@"\b(?:class|struct|interface|enum)\s+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Compiled);

        /// <summary>For each pair of folders (from, to), the type references that make it, as "FromType -> ToType".</summary>
        public Dictionary<(string From, string To), SortedSet<string>> Edges { get; } = new();

        /// <summary>The folders the library's types live in.</summary>
        public SortedSet<string> Folders { get; } = new(StringComparer.Ordinal);

        public static FolderDependencies Read(byte[] image, string sourceRoot)
        {
            var folderOfType = FoldersOfDeclaredTypes(sourceRoot);
            var result = new FolderDependencies();
            using var pe = new PEReader(ImmutableArray.Create(image));
            MetadataReader md = pe.GetMetadataReader();
            var collector = new TypeCollector(md);

            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                string from = OutermostName(md, th);
                if (!folderOfType.TryGetValue(from, out string fromFolder))
                {
                    continue; // <Module> and compiler-generated types
                }

                result.Folders.Add(fromFolder);
                var referenced = new HashSet<TypeDefinitionHandle>();
                collector.Found = referenced;
                TypeDefinition type = md.GetTypeDefinition(th);
                collector.AddEntity(type.BaseType);
                foreach (InterfaceImplementationHandle ih in type.GetInterfaceImplementations())
                {
                    collector.AddEntity(md.GetInterfaceImplementation(ih).Interface);
                }

                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    md.GetFieldDefinition(fh).DecodeSignature(collector, null);
                }

                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    method.DecodeSignature(collector, null);
                    if (method.RelativeVirtualAddress == 0)
                    {
                        continue;
                    }

                    MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    if (!body.LocalSignature.IsNil)
                    {
                        md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(collector, null);
                    }

                    foreach (IlInstruction instruction in IlInstructions.Decode(body.GetILReader()))
                    {
                        OperandType operand = instruction.OpCode.OperandType;
                        if (operand == OperandType.InlineMethod || operand == OperandType.InlineField
                            || operand == OperandType.InlineType || operand == OperandType.InlineTok)
                        {
                            collector.AddEntity(MetadataTokens.EntityHandle(instruction.Operand));
                        }
                    }
                }

                foreach (TypeDefinitionHandle target in referenced)
                {
                    string to = OutermostName(md, target);
                    if (!folderOfType.TryGetValue(to, out string toFolder) || toFolder == fromFolder)
                    {
                        continue;
                    }

                    if (!result.Edges.TryGetValue((fromFolder, toFolder), out var reasons))
                    {
                        result.Edges[(fromFolder, toFolder)] = reasons = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    reasons.Add(md.GetString(type.Name) + " -> " + md.GetString(md.GetTypeDefinition(target).Name));
                }
            }

            return result;
        }

        /// <summary>Every pair of folders that refer to each other, directly or through others (each cycle's folders, sorted).</summary>
        public List<string[]> Cycles()
        {
            // Strongly connected components (Tarjan) of the folder graph; a component of two or more folders is a cycle.
            var index = new Dictionary<string, int>();
            var low = new Dictionary<string, int>();
            var stack = new Stack<string>();
            var onStack = new HashSet<string>();
            var cycles = new List<string[]>();
            int next = 0;

            void Visit(string folder)
            {
                index[folder] = low[folder] = next++;
                stack.Push(folder);
                onStack.Add(folder);
                foreach (var edge in Edges.Keys.Where(e => e.From == folder))
                {
                    if (!index.ContainsKey(edge.To))
                    {
                        Visit(edge.To);
                        low[folder] = Math.Min(low[folder], low[edge.To]);
                    }
                    else if (onStack.Contains(edge.To))
                    {
                        low[folder] = Math.Min(low[folder], index[edge.To]);
                    }
                }

                if (low[folder] == index[folder])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != folder);
                    if (component.Count > 1)
                    {
                        component.Sort(StringComparer.Ordinal);
                        cycles.Add(component.ToArray());
                    }
                }
            }

            foreach (string folder in Folders)
            {
                if (!index.ContainsKey(folder))
                {
                    Visit(folder);
                }
            }

            return cycles;
        }

        /// <summary>The edges inside a cycle, each with the type references that make it, one per line.</summary>
        public string Describe(string[] cycle)
        {
            var lines = new List<string>();
            foreach (var edge in Edges.Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To)).OrderBy(e => e.Key.From + "/" + e.Key.To, StringComparer.Ordinal))
            {
                lines.Add($"{edge.Key.From} -> {edge.Key.To}: {string.Join(", ", edge.Value.Take(6))}{(edge.Value.Count > 6 ? ", ..." : string.Empty)}");
            }

            return string.Join(Environment.NewLine, lines);
        }

        private static Dictionary<string, string> FoldersOfDeclaredTypes(string sourceRoot)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string file in Directory.GetFiles(sourceRoot, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(sourceRoot, file).Replace('\\', '/');
                if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal))
                {
                    continue;
                }

                // A layer is a top-level folder; its subfolders (RequestLayer/Blockwise) are part of it.
                string folder = relative.Contains('/') ? relative.Substring(0, relative.IndexOf('/')) : ".";
                foreach (string line in File.ReadLines(file))
                {
                    string code = line.TrimStart();
                    if (code.StartsWith("//", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    Match m = Declaration.Match(code);
                    if (m.Success && !map.ContainsKey(m.Groups[1].Value))
                    {
                        map[m.Groups[1].Value] = folder;
                    }
                }
            }

            return map;
        }

        private static string OutermostName(MetadataReader md, TypeDefinitionHandle handle)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            while (type.IsNested)
            {
                type = md.GetTypeDefinition(type.GetDeclaringType());
            }

            return md.GetString(type.Name);
        }

        // Collects the type definitions a signature or token names (generic forms unwrapped).
        private sealed class TypeCollector : ISignatureTypeProvider<object, object>
        {
            private readonly MetadataReader _md;

            public TypeCollector(MetadataReader md)
            {
                _md = md;
            }

            public HashSet<TypeDefinitionHandle> Found { get; set; }

            public void AddEntity(EntityHandle handle)
            {
                if (handle.IsNil)
                {
                    return;
                }

                switch (handle.Kind)
                {
                    case HandleKind.TypeDefinition:
                        Found.Add((TypeDefinitionHandle)handle);
                        break;
                    case HandleKind.TypeSpecification:
                        _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                        break;
                    case HandleKind.MethodDefinition:
                        Found.Add(_md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                        break;
                    case HandleKind.FieldDefinition:
                        Found.Add(_md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                        break;
                    case HandleKind.MemberReference:
                        AddEntity(_md.GetMemberReference((MemberReferenceHandle)handle).Parent);
                        break;
                    case HandleKind.MethodSpecification:
                        AddEntity(_md.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
                        break;
                }
            }

            public object GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
            {
                Found.Add(handle);
                return null;
            }

            public object GetArrayType(object elementType, ArrayShape shape) => null;
            public object GetByReferenceType(object elementType) => null;
            public object GetFunctionPointerType(MethodSignature<object> signature) => null;
            public object GetGenericInstantiation(object genericType, ImmutableArray<object> typeArguments) => null;
            public object GetGenericMethodParameter(object genericContext, int index) => null;
            public object GetGenericTypeParameter(object genericContext, int index) => null;
            public object GetModifiedType(object modifier, object unmodifiedType, bool isRequired) => null;
            public object GetPinnedType(object elementType) => null;
            public object GetPointerType(object elementType) => null;
            public object GetPrimitiveType(PrimitiveTypeCode typeCode) => null;
            public object GetSZArrayType(object elementType) => null;
            public object GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;
            public object GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => null;
        }
    }
}
