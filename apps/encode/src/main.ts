console.log('encode');
